const {combineMigrations} = require('@tryghost/migration-helpers');

module.exports = combineMigrations('members', 'newsletters');
