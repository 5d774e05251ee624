# call_at schedules at absolute loop times; a deadline in the past runs after already queued callbacks.
import asyncio


def main():
    loop = asyncio.new_event_loop()
    t0 = loop.time()

    def fire(name):
        print("fire", name)

    h = loop.call_at(t0 + 0.06, fire, "at+60")
    print("when exact", "yes" if h.when() == t0 + 0.06 else "no")
    loop.call_at(t0 + 0.01, fire, "at+10")
    loop.call_later(0.03, fire, "later+30")
    loop.call_at(t0 - 1, fire, "at-past")
    loop.call_soon(fire, "soon")
    loop.call_at(t0 + 0.08, loop.stop)
    loop.run_forever()
    print("stopped")
    loop.close()


main()
