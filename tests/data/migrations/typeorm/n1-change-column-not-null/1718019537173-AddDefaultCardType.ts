import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

export class AddDefaultCardType1718019537173 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.addColumn(
            "list",
            new TableColumn({ name: "defaultCardTypeId", type: "bigint", isNullable: true })
        );
        await queryRunner.query(`UPDATE "list" SET "defaultCardTypeId" = 1`);
        await queryRunner.changeColumn(
            "list",
            new TableColumn({ name: "defaultCardTypeId", type: "bigint", isNullable: true }),
            new TableColumn({ name: "defaultCardTypeId", type: "bigint", isNullable: false })
        );
        await queryRunner.changeColumn(
            "card",
            new TableColumn({ name: "typeId", type: "bigint", isNullable: true }),
            new TableColumn({ name: "typeId", type: "bigint" })
        );
        await queryRunner.changeColumn(
            "card",
            new TableColumn({ name: "title", type: "varchar", isNullable: true }),
            new TableColumn({ name: "title", type: "varchar", isNullable: true })
        );
        await queryRunner.changeColumn(
            "card",
            "code",
            new TableColumn({ name: "code", type: "varchar" })
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.dropColumn("list", "defaultCardTypeId");
    }
}
