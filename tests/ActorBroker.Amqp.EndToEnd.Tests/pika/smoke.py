"""Smoke test with pika (Python), a client written independently of RabbitMQ.Client.

Publishes under publisher confirms, consumes with manual acks, round-trips headers of every type pika
writes (pika 1.2 writes no floats), makes a direct reply-to request, and leaves one message with typed headers in the queue named by
the second argument for the calling test to read with RabbitMQ.Client.

Usage: python3 smoke.py amqp://user:pass@host:port queue-to-leave-a-message-in
"""
import datetime
import decimal
import sys

import pika

TIMEOUT_S = 10

HEADERS = {
    "int": 7,
    "long": 2**40,
    "negative": -5,
    "decimal": decimal.Decimal("3.75"),
    "bool": True,
    "string": "text",
    "bytes": b"\x01\x02",
    "timestamp": datetime.datetime(2026, 12, 6, 1, 2, 3),
    "void": None,
    "array": [1, "two", decimal.Decimal("0.5"), [False]],
    "table": {"inner": 1, "deeper": {"s": "x"}},
}


def next_message(channel, queue):
    for method, properties, body in channel.consume(queue, auto_ack=False, inactivity_timeout=TIMEOUT_S):
        if method is None:
            raise AssertionError(f"nothing arrived in {queue} within {TIMEOUT_S} s")
        channel.cancel()
        return method, properties, body
    raise AssertionError("the broker cancelled the consumer")


def confirms_and_acks_with_headers(channel):
    queue = channel.queue_declare("", exclusive=True).method.queue
    channel.basic_publish("", queue, b"pika smoke", pika.BasicProperties(content_type="text/plain", headers=HEADERS), mandatory=True)
    method, properties, body = next_message(channel, queue)
    channel.basic_ack(method.delivery_tag)
    assert body == b"pika smoke", body
    assert properties.content_type == "text/plain", properties.content_type
    headers = properties.headers
    for name, expected in HEADERS.items():
        actual = headers[name]
        # pika reads an 'l' as its own subclass of int.
        assert isinstance(actual, type(expected)), f"{name}: sent {type(expected).__name__}, received {type(actual).__name__}"
        assert actual == expected, f"{name}: sent {expected!r}, received {actual!r}"


def direct_reply_to(connection, channel):
    channel.queue_declare("pika-rpc", exclusive=True)
    replies = []
    channel.basic_consume("amq.rabbitmq.reply-to", lambda ch, m, p, body: replies.append((p, body)), auto_ack=True)
    channel.basic_publish("", "pika-rpc", b"ping", pika.BasicProperties(reply_to="amq.rabbitmq.reply-to", correlation_id="c-1"))

    responder = connection.channel()
    method, properties, _ = next_message(responder, "pika-rpc")
    assert properties.reply_to.startswith("amq.rabbitmq.reply-to."), properties.reply_to
    responder.basic_publish("", properties.reply_to, b"pong", pika.BasicProperties(correlation_id=properties.correlation_id))
    responder.basic_ack(method.delivery_tag)

    for _ in range(TIMEOUT_S * 10):
        if replies:
            break
        connection.process_data_events(time_limit=0.1)
    assert replies, "no reply arrived"
    properties, body = replies[0]
    assert (body, properties.correlation_id) == (b"pong", "c-1"), (body, properties.correlation_id)


def leave_typed_message(channel, queue):
    channel.basic_publish("", queue, b"from pika", pika.BasicProperties(headers=HEADERS), mandatory=True)


def main(url, queue):
    connection = pika.BlockingConnection(pika.URLParameters(url + "?connection_attempts=1&socket_timeout=10"))
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        confirms_and_acks_with_headers(channel)
        leave_typed_message(channel, queue)
        direct_reply_to(connection, channel)
    finally:
        connection.close()
    print("pika smoke test passed")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2])
