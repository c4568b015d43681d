'use strict';

// Smoke test with amqplib, a client written independently of RabbitMQ.Client:
// declare a queue, publish under publisher confirms, consume with manual ack.
// Usage: node smoke.js amqp://user:pass@host:port
const amqp = require('amqplib');

const TIMEOUT_MS = 10_000;

async function smoke(url) {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const { queue } = await channel.assertQueue('', { exclusive: true });
    const body = `amqplib smoke ${process.pid} ${Date.now()}`;

    await new Promise((resolve, reject) => {
      channel.sendToQueue(queue, Buffer.from(body), { contentType: 'text/plain' }, (err) =>
        err ? reject(new Error(`publish was nacked: ${err.message ?? err}`)) : resolve());
    });

    const received = await new Promise((resolve, reject) => {
      channel
        .consume(queue, (message) => {
          if (message === null) {
            reject(new Error('the broker cancelled the consumer'));
            return;
          }
          channel.ack(message);
          resolve(message);
        }, { noAck: false })
        .catch(reject);
    });

    const text = received.content.toString();
    if (text !== body) {
      throw new Error(`expected body '${body}' but received '${text}'`);
    }
    if (received.properties.contentType !== 'text/plain') {
      throw new Error(`expected content type 'text/plain' but received '${received.properties.contentType}'`);
    }

    await channel.close();
  } finally {
    await connection.close();
  }
}

const url = process.argv[2];
if (!url) {
  console.error('usage: node smoke.js amqp://user:pass@host:port');
  process.exit(2);
}

const timer = setTimeout(() => {
  console.error(`smoke test timed out after ${TIMEOUT_MS} ms`);
  process.exit(3);
}, TIMEOUT_MS);

smoke(url).then(
  () => {
    clearTimeout(timer);
    console.log('amqplib smoke test passed');
  },
  (err) => {
    clearTimeout(timer);
    console.error(`amqplib smoke test failed: ${err.stack ?? err}`);
    process.exit(1);
  });
