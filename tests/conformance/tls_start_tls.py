# STARTTLS: a plain connection upgraded with StreamWriter.start_tls() on both sides (the server's side for the accepted connection), then lines over TLS; the certificates are the repository's test ones.
import asyncio
import pathlib
import ssl

FIXTURES = pathlib.Path(__file__).parent.parent / "fixtures"

server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
server_ctx.load_cert_chain(FIXTURES / "tls_localhost_cert.pem", FIXTURES / "tls_localhost_key.pem")
client_ctx = ssl.create_default_context(cafile=FIXTURES / "tls_ca.pem")

log = []


async def handle(reader, writer):
    line = await reader.readline()
    log.append(f"server got {line!r}, over TLS: {writer.get_extra_info('sslcontext') is not None}")
    writer.write(b"OK\n")
    await writer.drain()
    await writer.start_tls(server_ctx)
    log.append(f"server upgraded, over TLS: {writer.get_extra_info('sslcontext') is not None}")
    async for line in reader:
        writer.write(line.upper())
        await writer.drain()
    log.append("server: client finished")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"STARTTLS\n")
    print("reply:", await reader.readline())
    await writer.start_tls(client_ctx, server_hostname="localhost")
    print("over TLS:", writer.get_extra_info("sslcontext") is not None)
    print("peername kept:", writer.get_extra_info("peername")[1] == port)
    print("can_write_eof:", writer.can_write_eof())
    for word in (b"hello\n", b"secret\n"):
        writer.write(word)
        await writer.drain()
        print("reply:", await reader.readline())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    for line in log:
        print(line)


asyncio.run(main())
