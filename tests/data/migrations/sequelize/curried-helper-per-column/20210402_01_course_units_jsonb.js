const { JSONB } = require('sequelize')

const migrateColumn = (queryInterface, transaction) => async (table, column) => {
  const tempColumnName = `temp_${column}`
  await queryInterface.renameColumn(table, column, tempColumnName, { transaction })
  await queryInterface.addColumn(table, column, JSONB, { transaction })
  await queryInterface.sequelize.query(`UPDATE ${table} SET ${column}=array_to_json(${tempColumnName})::jsonb`, {
    transaction
  })
  await queryInterface.removeColumn(table, tempColumnName, { transaction })
}

module.exports = {
  up: async queryInterface => {
    const t = await queryInterface.sequelize.transaction()
    try {
      const toJSONB = migrateColumn(queryInterface, t)
      await toJSONB('course_units', 'organisations')
      await toJSONB('course_units', 'substitutions')
      t.commit()
    } catch (err) {
      t.rollback()
      throw err
    }
  },
  down: async () => {}
}
