#!/usr/bin/env python3
"""Relays TCP connections to a PostgreSQL server and saves everything the server sends on each
connection as one file (named after the connection's application_name), for the fuzz corpus.

usage: transcript-relay.py LISTEN_PORT SERVER_PORT OUTPUT_DIR
"""
import os
import re
import socket
import sys
import threading

listen_port, server_port, output = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]


def relay(client):
    server = socket.create_connection(("127.0.0.1", server_port))
    received = bytearray()
    name = ["session"]

    def upstream():
        first = True
        while True:
            data = client.recv(65536)
            if not data:
                break
            if first:
                first = False
                match = re.search(rb"application_name\x00([^\x00]*)\x00", data)
                if match:
                    name[0] = match.group(1).decode(errors="replace")
            server.sendall(data)
        server.shutdown(socket.SHUT_WR)

    thread = threading.Thread(target=upstream, daemon=True)
    thread.start()
    while True:
        data = server.recv(65536)
        if not data:
            break
        received.extend(data)
        client.sendall(data)
    client.close()
    thread.join(timeout=2)
    with open(os.path.join(output, "session-" + re.sub(r"[^A-Za-z0-9_-]", "_", name[0])), "wb") as out:
        out.write(received)


listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", listen_port))
listener.listen(16)
while True:
    connection, _ = listener.accept()
    threading.Thread(target=relay, args=(connection,), daemon=True).start()
