# A timer cancelled by another callback of the same iteration does not run, even though it was already due.
import asyncio


def main():
    loop = asyncio.new_event_loop()
    w = loop.time() + 0.01

    def first():
        print("first cancels second")
        second_handle.cancel()
        loop.call_soon(print, "soon from first")

    loop.call_at(w, first)
    second_handle = loop.call_at(w, print, "second (wrong)")
    loop.call_at(w + 0.01, print, "third")
    loop.call_at(w + 0.02, loop.stop)
    loop.run_forever()
    print("second cancelled", "yes" if second_handle.cancelled() else "no")
    loop.close()


main()
