'use strict'

const createAddForeignKey = (query) => {
  const addForeignKey = (constraintName, targetTable, referencedTable) => {
    const [table, field] = targetTable
    const [foreignTable, foreignField] = referencedTable
    return query.addConstraint(table, {
      fields: [field],
      name: constraintName,
      type: 'foreign key',
      references: { table: foreignTable, field: foreignField },
    })
  }
  return addForeignKey
}

const up = async (query, Sequelize) => {
  const link = (name, target, referenced) => {
    const [table, field] = target
    return query.addConstraint(table, {
      fields: [field],
      name,
      type: 'foreign key',
      references: { table: referenced[0], field: 'id' },
    })
  }
  await query.createTable('groups', { id: { type: Sequelize.INTEGER, primaryKey: true } })
  await query.createTable('group_students', {
    group_id: Sequelize.INTEGER,
    student_id: Sequelize.STRING,
  })
  const addForeignKey = createAddForeignKey(query)
  await addForeignKey('gs_group_fkey', ['group_students', 'group_id'], ['groups', 'id'])
  await link('gs_student_fkey', ['group_students', 'student_id'], ['users', 'id'])
  await link('reviews_group_fkey', ['peer_reviews', 'group_id'], ['groups', 'id'])
}

const down = async (query) => {
  await query.dropTable('group_students')
  await query.dropTable('groups')
}

module.exports = { up, down }
