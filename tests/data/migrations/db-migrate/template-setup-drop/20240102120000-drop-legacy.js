'use strict';

var dbm;
var type;
var seed;

exports.setup = function (options, seedLink) {
  dbm = options.dbmigrate;
  type = dbm.dataType;
  seed = seedLink;
};

exports.up = function (db) {
  return db.removeColumn('orders', 'legacy_code');
};

exports.down = function (db) {
  return db.addColumn('orders', 'legacy_code', { type: 'string' });
};

exports._meta = {
  version: 1,
};
