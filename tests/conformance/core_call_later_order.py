# call_later timers fire in deadline order, after the call_soon callbacks, whatever order they were made in.
import asyncio


def main():
    loop = asyncio.new_event_loop()

    def fire(name):
        print("timer", name)

    for name, delay in [("d100", 0.1), ("d20", 0.02), ("d60", 0.06), ("d40", 0.04), ("d80", 0.08)]:
        loop.call_later(delay, fire, name)
    loop.call_later(0.04, fire, "d40-second")
    loop.call_soon(fire, "soon")
    loop.call_later(0.12, loop.stop)
    loop.run_forever()
    print("stopped")
    loop.close()


main()
