# ssl_handshake_timeout: a peer that never answers the TLS handshake aborts create_connection and start_tls with ConnectionAbortedError, and a TLS server does not serve a client that never starts one; the timeouts' argument checks.
import asyncio
import pathlib
import ssl

FIXTURES = pathlib.Path(__file__).parent.parent / "fixtures"

server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
server_ctx.load_cert_chain(FIXTURES / "tls_localhost_cert.pem", FIXTURES / "tls_localhost_key.pem")
client_ctx = ssl.create_default_context(cafile=FIXTURES / "tls_ca.pem")


class Silent(asyncio.Protocol):
    made = 0

    def connection_made(self, transport):
        Silent.made += 1


async def main():
    loop = asyncio.get_running_loop()
    plain = await loop.create_server(Silent, "127.0.0.1", 0)
    port = plain.sockets[0].getsockname()[1]

    try:
        await loop.create_connection(asyncio.Protocol, "127.0.0.1", port, ssl=client_ctx,
                                     server_hostname="localhost", ssl_handshake_timeout=0.2)
    except ConnectionAbortedError as e:
        print("create_connection:", type(e).__name__, e)

    transport, protocol = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    try:
        await loop.start_tls(transport, protocol, client_ctx, server_hostname="localhost",
                             ssl_handshake_timeout=0.2)
    except ConnectionAbortedError as e:
        print("start_tls:", type(e).__name__, e)
    print("old transport closing:", transport.is_closing())

    tls = await loop.create_server(Silent, "127.0.0.1", 0, ssl=server_ctx, ssl_handshake_timeout=0.2)
    Silent.made = 0
    transport, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1",
                                                tls.sockets[0].getsockname()[1])
    await asyncio.sleep(0.5)
    print("a client that never starts TLS is not served:", Silent.made)
    transport.close()

    for call in [
        lambda: loop.create_connection(asyncio.Protocol, "127.0.0.1", port, ssl_handshake_timeout=1),
        lambda: loop.create_connection(asyncio.Protocol, "127.0.0.1", port, ssl_shutdown_timeout=1),
        lambda: loop.create_server(asyncio.Protocol, "127.0.0.1", 0, ssl_handshake_timeout=1),
        lambda: loop.create_server(asyncio.Protocol, "127.0.0.1", 0, ssl_shutdown_timeout=1),
    ]:
        try:
            await call()
        except ValueError as e:
            print("ValueError:", e)
    transport, protocol = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    for kwargs in [dict(ssl_handshake_timeout=0), dict(ssl_shutdown_timeout=-1)]:
        try:
            await loop.start_tls(transport, protocol, client_ctx, **kwargs)
        except ValueError as e:
            print("ValueError:", e)
    transport.close()
    plain.close()
    tls.close()
    await tls.wait_closed()


asyncio.run(main())
