// a timer callback that throws: !uncaught, then that timer's checkpoint, then the next timer
// expect: ["timer one","!uncaught","micro after throw","timer two"]
// why: The timer task calls its callback; the exception escapes it and is reported ('!uncaught') when the
// why: callback returns abruptly. The checkpoint after the task still runs: the reaction queued before the
// why: throw logs 'micro after throw'. Then timer id 2.
// v8: same
setTimeout(() => {
  log('timer one');
  Promise.resolve().then(() => log('micro after throw'));
  throw 'timer err';
}, 0);
setTimeout(() => log('timer two'), 0);
