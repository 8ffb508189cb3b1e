import { DataTypes } from 'sequelize';

const defaultValue = 'oidc';
const type = DataTypes.STRING;

export const up = async ({ context: queryInterface }) => {
  await queryInterface.addColumn('requests', 'protocol', { type, defaultValue, allowNull: false });
  await queryInterface.addColumn('requests', 'realm', { type, allowNull: false });
};

export const down = async ({ context: queryInterface }) => {
  await queryInterface.removeColumn('requests', 'realm');
  await queryInterface.removeColumn('requests', 'protocol');
};
