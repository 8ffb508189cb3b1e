exports.up = function (db, callback) {
  db.addColumn('orders', 'note', 'text', callback);
};
