exports.up = function (db, cb) {
  db.runSql(
    `
    ALTER TABLE feature_strategies ALTER COLUMN parameters SET DEFAULT '{}';
    UPDATE feature_strategies SET parameters = '{}' WHERE parameters IS NULL;
    ALTER TABLE feature_strategies ALTER COLUMN parameters SET NOT NULL;
    ALTER TABLE feature_strategies ALTER COLUMN constraints SET NOT NULL;
    `,
    cb,
  );
};

exports.down = function (db, cb) {
  db.runSql(
    `
    ALTER TABLE feature_strategies ALTER COLUMN constraints DROP NOT NULL;
    ALTER TABLE feature_strategies ALTER COLUMN parameters DROP NOT NULL;
    ALTER TABLE feature_strategies ALTER COLUMN parameters DROP DEFAULT;
    `,
    cb,
  );
};
