const {createAddColumnMigration} = require('../../utils/schema');

module.exports = createAddColumnMigration('labels', 'color', {type: 'string', maxlength: 50});
