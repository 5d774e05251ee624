# Cancelled handles and timers never run; cancel() is idempotent and also marks handles that already ran.
import asyncio


def yn(flag):
    return "yes" if flag else "no"


def main():
    loop = asyncio.new_event_loop()

    def fire(name):
        print("fire", name)

    h1 = loop.call_soon(fire, "h1")
    h2 = loop.call_soon(fire, "h2")
    h3 = loop.call_soon(fire, "h3")
    t1 = loop.call_later(0.03, fire, "t1")
    t2 = loop.call_later(0.05, fire, "t2")
    print("h2 cancelled before", yn(h2.cancelled()))
    h2.cancel()
    h2.cancel()
    print("h2 cancelled after", yn(h2.cancelled()))

    def canceller():
        print("canceller")
        h3.cancel()
        t2.cancel()

    loop.call_soon(canceller)  # runs after h3: h3 already ran
    t_late = loop.call_later(0.04, fire, "t_late")

    def cancel_late():
        print("cancel t_late")
        t_late.cancel()

    loop.call_later(0.01, cancel_late)
    loop.call_later(0.07, loop.stop)
    loop.run_forever()
    print("h1", yn(h1.cancelled()), "h3", yn(h3.cancelled()), "t1", yn(t1.cancelled()),
          "t2", yn(t2.cancelled()), "t_late", yn(t_late.cancelled()))
    loop.close()


main()
