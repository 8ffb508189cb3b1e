module.exports.addTimestamps = (table) => table.timestamps(true, true);
