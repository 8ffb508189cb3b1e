import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey, TableIndex } from "typeorm";

export class Keys1652277549983 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<any> {
    await queryRunner.addColumn("users", new TableColumn({
      name: "connect_id",
      type: "varchar",
      isNullable: true,
    }));
    await queryRunner.createIndex("users", new TableIndex({
      name: "users_connect_id",
      columnNames: ["connect_id"],
      isUnique: true,
    }));
    await queryRunner.addColumns("docs", [
      new TableColumn({ name: "created_by", type: "integer", isNullable: true }),
    ]);
    await queryRunner.createForeignKeys("docs", [
      new TableForeignKey({ columnNames: ["created_by"], referencedTableName: "users", referencedColumnNames: ["id"] }),
    ]);
    await queryRunner.createIndex("users", new TableIndex({
      name: "users_email",
      columnNames: ["email"],
      isUnique: true,
    }));
    await queryRunner.createForeignKey("docs", new TableForeignKey({
      columnNames: ["owner_id"], referencedTableName: "users", referencedColumnNames: ["id"],
    }));
  }

  public async down(queryRunner: QueryRunner): Promise<any> {
    await queryRunner.dropForeignKey("docs", "docs_owner_id_fk");
    await queryRunner.dropIndex("users", "users_email");
    await queryRunner.dropColumn("docs", "created_by");
    await queryRunner.dropIndex("users", "users_connect_id");
    await queryRunner.dropColumn("users", "connect_id");
  }
}
