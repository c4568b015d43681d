// Publishes COUNT persistent messages of 1 KiB to a durable queue with publisher confirms, WINDOW unconfirmed at most,
// and prints the rate. Used by scripts/backlog-rss.sh; amqplib comes from the end-to-end tests' npm folder.
const amqp = require('amqplib');

const [url, queue, total, window] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5] || 4000)];

(async () => {
  const connection = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  await channel.assertQueue(queue, { durable: true });
  const body = Buffer.alloc(1024, 7);
  const start = Date.now();
  let sent = 0;
  let confirmed = 0;
  let nacked = 0;
  await new Promise((resolve) => {
    const pump = () => {
      while (sent < total && sent - confirmed < window) {
        sent++;
        channel.publish('', queue, body, { persistent: true }, (error) => {
          if (error) nacked++;
          confirmed++;
          if (confirmed % 500000 === 0) console.log(`${confirmed} confirmed`);
          if (confirmed === total) resolve();
          else if (sent - confirmed < window / 2) setImmediate(pump);
        });
      }
    };
    pump();
  });
  const seconds = (Date.now() - start) / 1000;
  console.log(`published ${total} (nacked ${nacked}) in ${seconds.toFixed(1)} s: ${(total / seconds).toFixed(0)} msg/s`);
  await connection.close();
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
