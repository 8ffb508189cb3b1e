const {createDropColumnMigration} = require('../../utils/schema');

module.exports = createDropColumnMigration('posts', 'author_id', {type: 'string', maxlength: 24});
