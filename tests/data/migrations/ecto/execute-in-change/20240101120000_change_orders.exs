defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    execute "CREATE EXTENSION IF NOT EXISTS citext", "DROP EXTENSION IF EXISTS citext"
    execute("CREATE INDEX orders_note ON orders (note)")
    execute """
    -- DROP TABLE orders is a comment
    DELETE FROM orders WHERE note IS NULL
    """
    execute(&backfill/0)
  end
end
