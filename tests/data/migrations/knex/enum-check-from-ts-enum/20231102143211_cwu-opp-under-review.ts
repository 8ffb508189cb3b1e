import { Knex } from "knex";

enum CWUOpportunityStatus {
  Draft = "DRAFT",
  UnderReview = "UNDER_REVIEW",
  Published = "PUBLISHED",
  Canceled = "CANCELED"
}

enum PreviousCWUOpportunityStatus {
  Draft = "DRAFT",
  Published = "PUBLISHED",
  Canceled = "CANCELED"
}

export async function up(connection: Knex): Promise<void> {
  await connection.schema.raw(
    'ALTER TABLE "cwuOpportunityStatuses" DROP CONSTRAINT "cwuOpportunityStatuses_status_check"'
  );
  await connection.schema.raw(` \
    ALTER TABLE "cwuOpportunityStatuses" \
    ADD CONSTRAINT "cwuOpportunityStatuses_status_check" \
    CHECK ("status" IN ('${Object.values(CWUOpportunityStatus).join("','")}')) \
  `);
}

export async function down(connection: Knex): Promise<void> {
  await connection.schema.raw(
    'ALTER TABLE "cwuOpportunityStatuses" DROP CONSTRAINT "cwuOpportunityStatuses_status_check"'
  );
  await connection.schema.raw(` \
    ALTER TABLE "cwuOpportunityStatuses" \
    ADD CONSTRAINT "cwuOpportunityStatuses_status_check" \
    CHECK ("status" IN ('${Object.values(PreviousCWUOpportunityStatus).join("','")}')) \
  `);
}
