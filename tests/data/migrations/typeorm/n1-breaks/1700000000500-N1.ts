import { MigrationInterface, QueryRunner } from "typeorm";

export class N11700000000500 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" RENAME COLUMN "note" TO "comment"`);
        await queryRunner.query(`ALTER TABLE "orders" ADD "currency" character varying(3) NOT NULL`);
        await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "UQ_ref" UNIQUE ("ref")`);
        await queryRunner.renameTable("customers", "clients");
        await queryRunner.query(`ALTER TABLE "orders" ADD "invoice_id" integer`);
        await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "FK_invoice" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "FK_invoice"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "invoice_id"`);
        await queryRunner.renameTable("clients", "customers");
        await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "UQ_ref"`);
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "currency"`);
        await queryRunner.query(`ALTER TABLE "orders" RENAME COLUMN "comment" TO "note"`);
    }
}
