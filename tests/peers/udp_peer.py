# A UDP peer written with Python's socket module alone: it binds a free
# port, prints it, then answers each datagram with its reverse until "bye".
import socket

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.settimeout(10)
print(sock.getsockname()[1], flush=True)
while True:
    data, addr = sock.recvfrom(65536)
    sock.sendto(data[::-1], addr)
    if data == b"bye":
        break
print("udp peer done", flush=True)
