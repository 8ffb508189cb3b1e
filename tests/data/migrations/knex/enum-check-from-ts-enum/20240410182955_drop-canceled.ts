import { Knex } from "knex";

const STATUSES = ["DRAFT", "UNDER_REVIEW"];
const PREVIOUS = { draft: "DRAFT", review: "UNDER_REVIEW", canceled: "CANCELED" };

export async function up(connection: Knex): Promise<void> {
  await connection.schema.raw(
    'ALTER TABLE "cwuOpportunityStatuses" DROP CONSTRAINT "cwuOpportunityStatuses_status_check"'
  );
  await connection.schema.raw(
    `ALTER TABLE "cwuOpportunityStatuses" ADD CONSTRAINT "cwuOpportunityStatuses_status_check" CHECK ("status" IN ('${STATUSES.join("','")}'))`
  );
}

export async function down(connection: Knex): Promise<void> {
  await connection.schema.raw(
    'ALTER TABLE "cwuOpportunityStatuses" DROP CONSTRAINT "cwuOpportunityStatuses_status_check"'
  );
  await connection.schema.raw(
    `ALTER TABLE "cwuOpportunityStatuses" ADD CONSTRAINT "cwuOpportunityStatuses_status_check" CHECK ("status" IN ('${Object.values(PREVIOUS).join("','")}'))`
  );
}
