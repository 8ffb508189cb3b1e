defmodule Shop.Repo.Migrations.OrdersByPersonOrTeam do
  use Ecto.Migration

  def up do
    execute("ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_person_id_fkey")

    alter table(:orders) do
      modify(:person_id, references(:people), null: true)
      add(:team_id, references(:teams))
    end

    execute("ALTER TABLE orders ADD CONSTRAINT orders_one_owner CHECK (
      (person_id IS NULL AND team_id IS NOT NULL) OR (person_id IS NOT NULL AND team_id IS NULL))")
  end

  def down do
    execute("ALTER TABLE orders DROP CONSTRAINT orders_one_owner")

    alter table(:orders) do
      remove(:team_id)
      modify(:person_id, references(:people), null: false)
    end
  end
end
