async function migrateAll(knex) {
  await migrate1(knex);
  await migrate2(knex);
  await migrate3(knex);
  await migrate4(knex);
  await migrate5(knex);
  await migrate6(knex);
  await migrate7(knex);
  await migrate8(knex);
  await migrate9(knex);
  await migrate10(knex);
  await migrate11(knex);
  await migrate12(knex);
  await migrate13(knex);
  await migrate14(knex);
  await migrate15(knex);
  await migrate16(knex);
  await migrate17(knex);
  await migrate18(knex);
  await migrate19(knex);
  await migrate20(knex);
  await migrate21(knex);
  await migrate22(knex);
  await migrate23(knex);
  await migrate24(knex);
  await migrate25(knex);
  await migrate26(knex);
  await migrate27(knex);
  await migrate28(knex);
  await migrate29(knex);
  await migrate30(knex);
}

async function migrate1(knex) {
  await knex.schema.table('t1', (table) => {
    table.string('note1');
  });
}

async function migrate2(knex) {
  await knex.schema.table('t2', (table) => {
    table.string('note2');
  });
}

async function migrate3(knex) {
  await knex.schema.table('t3', (table) => {
    table.string('note3');
  });
}

async function migrate4(knex) {
  await knex.schema.table('t4', (table) => {
    table.string('note4');
  });
}

async function migrate5(knex) {
  await knex.schema.table('t5', (table) => {
    table.string('note5');
  });
}

async function migrate6(knex) {
  await knex.schema.table('t6', (table) => {
    table.string('note6');
  });
}

async function migrate7(knex) {
  await knex.schema.table('t7', (table) => {
    table.string('note7');
  });
}

async function migrate8(knex) {
  await knex.schema.table('t8', (table) => {
    table.string('note8');
  });
}

async function migrate9(knex) {
  await knex.schema.table('t9', (table) => {
    table.string('note9');
  });
}

async function migrate10(knex) {
  await knex.schema.table('t10', (table) => {
    table.string('note10');
  });
}

async function migrate11(knex) {
  await knex.schema.table('t11', (table) => {
    table.string('note11');
  });
}

async function migrate12(knex) {
  await knex.schema.table('t12', (table) => {
    table.string('note12');
  });
}

async function migrate13(knex) {
  await knex.schema.table('t13', (table) => {
    table.string('note13');
  });
}

async function migrate14(knex) {
  await knex.schema.table('t14', (table) => {
    table.string('note14');
  });
}

async function migrate15(knex) {
  await knex.schema.table('t15', (table) => {
    table.string('note15');
  });
}

async function migrate16(knex) {
  await knex.schema.table('t16', (table) => {
    table.string('note16');
  });
}

async function migrate17(knex) {
  await knex.schema.table('t17', (table) => {
    table.string('note17');
  });
}

async function migrate18(knex) {
  await knex.schema.table('t18', (table) => {
    table.string('note18');
  });
}

async function migrate19(knex) {
  await knex.schema.table('t19', (table) => {
    table.string('note19');
  });
}

async function migrate20(knex) {
  await knex.schema.table('t20', (table) => {
    table.string('note20');
  });
}

async function migrate21(knex) {
  await knex.schema.table('t21', (table) => {
    table.string('note21');
  });
}

async function migrate22(knex) {
  await knex.schema.table('t22', (table) => {
    table.string('note22');
  });
}

async function migrate23(knex) {
  await knex.schema.table('t23', (table) => {
    table.string('note23');
  });
}

async function migrate24(knex) {
  await knex.schema.table('t24', (table) => {
    table.string('note24');
  });
}

async function migrate25(knex) {
  await knex.schema.table('t25', (table) => {
    table.string('note25');
  });
}

async function migrate26(knex) {
  await knex.schema.table('t26', (table) => {
    table.string('note26');
  });
}

async function migrate27(knex) {
  await knex.schema.table('t27', (table) => {
    table.string('note27');
  });
}

async function migrate28(knex) {
  await knex.schema.table('t28', (table) => {
    table.string('note28');
  });
}

async function migrate29(knex) {
  await knex.schema.table('t29', (table) => {
    table.string('note29');
  });
}

async function migrate30(knex) {
  await knex.schema.table('users', (table) => {
    table.dropColumn('legacy_token');
  });
}

exports.up = async function (knex) {
  await migrateAll(knex);
};

exports.down = function (knex) {
  return knex.schema.table('users', function (table) {
    table.string('legacy_token');
  });
};
