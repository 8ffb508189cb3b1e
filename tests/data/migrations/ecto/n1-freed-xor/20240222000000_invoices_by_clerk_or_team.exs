defmodule Shop.Repo.Migrations.InvoicesByPersonOrTeam do
  use Ecto.Migration

  def up do
    execute("ALTER TABLE invoices DROP CONSTRAINT IF EXISTS invoices_person_id_fkey")

    alter table(:invoices) do
      modify(:person_id, references(:people), null: true)
      add(:team_id, references(:teams))
    end

    execute("ALTER TABLE invoices ADD CONSTRAINT invoices_one_owner CHECK (
      (clerk_id IS NULL AND team_id IS NOT NULL) OR (clerk_id IS NOT NULL AND team_id IS NULL))")
  end

  def down do
    execute("ALTER TABLE invoices DROP CONSTRAINT invoices_one_owner")

    alter table(:invoices) do
      remove(:team_id)
      modify(:person_id, references(:people), null: false)
    end
  end
end
