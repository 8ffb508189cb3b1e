var dbm = require('db-migrate');
var async = require('async');

exports.up = function(db, callback) {
  async.series([
    db.runSql.bind(db, ''
      + 'CREATE TABLE `badge_image` ('
      + '  `id` BIGINT AUTO_INCREMENT PRIMARY KEY,'
      + '  `image_data` LONGBLOB'
      + ') ENGINE=InnoDB;'
    ),
    db.runSql.bind(db, 'ALTER TABLE `badge` DROP image_data'),
    db.runSql.bind(db, 'ALTER TABLE `badge` CHANGE `name` `title` VARCHAR(255)'),
  ], callback);
};

exports.down = function(db, callback) {
  async.series([
    db.runSql.bind(db, 'ALTER TABLE `badge` ADD `image_data` LONGBLOB DEFAULT NULL'),
    db.runSql.bind(db, 'ALTER TABLE `badge` CHANGE `title` `name` VARCHAR(255)'),
    db.runSql.bind(db, 'DROP TABLE `badge_image`'),
  ], callback);
};
