const {dropTables} = require('../../utils/tables');

module.exports = dropTables(['oauth']);
