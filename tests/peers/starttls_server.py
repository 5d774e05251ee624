# A STARTTLS line server written with CPython's asyncio streams: it prints its
# port, answers "STARTTLS" with "OK" and upgrades with StreamWriter.start_tls
# (the repository's test certificate), then answers each line in upper case.
import asyncio
import pathlib
import ssl

FIXTURES = pathlib.Path(__file__).parent.parent / "fixtures"
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(FIXTURES / "tls_localhost_cert.pem", FIXTURES / "tls_localhost_key.pem")
done = None


async def handle(reader, writer):
    if await reader.readline() == b"STARTTLS\n":
        writer.write(b"OK\n")
        await writer.drain()
        await writer.start_tls(context)
        async for line in reader:
            writer.write(line.upper())
            await writer.drain()
    writer.close()
    done.set_result(None)


async def main():
    global done
    done = asyncio.get_running_loop().create_future()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await asyncio.wait_for(done, 10)
    server.close()
    print("served", flush=True)


asyncio.run(main())
