exports.up = function () {
  return Promise.resolve();
};
exports.down = function () {
  return Promise.resolve();
};
