# Timers made from callbacks: a zero-delay timer runs after call_soon callbacks queued in the same iteration.
import asyncio


def main():
    loop = asyncio.new_event_loop()

    def fire(name):
        print("fire", name)

    def first():
        print("first")
        loop.call_later(0, fire, "later0-from-first")
        loop.call_soon(fire, "soon-from-first")
        loop.call_later(0.02, second)

    def second():
        print("second")
        loop.call_later(0.01, fire, "later10-from-second")
        loop.call_soon(fire, "soon-from-second")
        loop.call_later(0, fire, "later0-from-second")
        loop.call_later(0.04, loop.stop)

    loop.call_later(0.01, first)
    loop.call_soon(fire, "soon-main")
    loop.run_forever()
    print("stopped")
    loop.close()


main()
