// Shared by the adapters that run on node (node.js, engine262.js), put
// before them: writes one answer line to fd 3, the channel only the host
// writes, retrying until all of it is written (fd 3 may be non-blocking,
// and a long line may not fit the pipe at once).
const writeAnswerLine = ((fs, fd) => (s) => {
  const buf = Buffer.from(s + '\n');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
})(require('fs'), 3);
