import { MigrationInterface, QueryRunner } from "typeorm";

export class SourceImageDefault1672583245776 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "source" SET "image" = 'placeholder.jpg' WHERE "image" IS NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "image" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "image" SET DEFAULT 'placeholder.jpg'`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "name" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "handle" SET DEFAULT 'x'`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "handle" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "handle" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "color" SET DEFAULT NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "color" SET NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "color" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "handle" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "name" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "image" DROP DEFAULT`);
        await queryRunner.query(`ALTER TABLE "source" ALTER COLUMN "image" DROP NOT NULL`);
    }
}
