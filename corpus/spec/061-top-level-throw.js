// a throw escaping the script: !uncaught, the rest of the script is skipped, jobs and timers still run
// expect: ["before","!uncaught","micro","timer"]
// why: The script task ends abruptly at throw 'top': the exception is reported ('!uncaught') and
// why: log('after') never runs. What was queued before the throw stays queued: the microtask checkpoint
// why: after the script runs 'micro', then timer id 1 runs.
// v8: same
log('before');
Promise.resolve().then(() => log('micro'));
setTimeout(() => log('timer'), 0);
throw 'top';
log('after');
