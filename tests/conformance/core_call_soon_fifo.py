# call_soon runs callbacks FIFO; callbacks scheduled from a callback run on the next iteration.
import asyncio


def main():
    loop = asyncio.new_event_loop()

    def cb(name, depth):
        print("cb", name)
        if depth > 0:
            loop.call_soon(cb, name + "+", depth - 1)

    def stopper(n):
        print("iteration", n)
        if n == 3:
            loop.stop()
        else:
            loop.call_soon(stopper, n + 1)

    loop.call_soon(cb, "a", 2)
    loop.call_soon(stopper, 0)
    loop.call_soon(cb, "b", 1)
    loop.call_soon(cb, "c", 0)
    loop.run_forever()
    print("stopped")
    loop.close()


main()
