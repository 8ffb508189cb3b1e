function createTransactionalMigration(up, down) {
    return {
        config: {transaction: true},
        async up(config) {
            await up(config.transacting);
        },
        async down(config) {
            await down(config.transacting);
        }
    };
}

function createIrreversibleMigration(up, config = {}) {
    return {
        config: Object.assign({}, config, {irreversible: true}),
        async up(connection) {
            await up(connection);
        },
        async down() {
            return Promise.resolve();
        }
    };
}

module.exports = {createTransactionalMigration, createIrreversibleMigration};
