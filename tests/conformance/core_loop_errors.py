# Loop misuse: non-callable callbacks give TypeError; a closed loop refuses work; close() is idempotent but not while running.
import asyncio


def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(label, "raised", type(e).__name__)


async def inside(loop):
    attempt("close while running", loop.close)
    fut = loop.create_future()
    fut.set_result(1)
    attempt("run_until_complete while running", lambda: loop.run_until_complete(fut))
    attempt("run_forever while running", loop.run_forever)
    return "inside done"


def main():
    loop = asyncio.new_event_loop()
    loop.set_debug(True)  # CPython checks callbacks only in debug mode; the TS port always does
    attempt("call_soon(5)", lambda: loop.call_soon(5))
    attempt("call_later(0.1, 'x')", lambda: loop.call_later(0.1, "x"))
    loop.set_debug(False)
    print(loop.run_until_complete(inside(loop)))
    loop.close()
    attempt("close again", loop.close)
    attempt("call_soon on closed", lambda: loop.call_soon(print))
    attempt("call_later on closed", lambda: loop.call_later(1, print))
    attempt("call_at on closed", lambda: loop.call_at(1, print))
    attempt("run_forever on closed", loop.run_forever)
    print("closed", "yes" if loop.is_closed() else "no")


main()
