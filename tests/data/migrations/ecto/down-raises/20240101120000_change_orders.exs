defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def up do
    drop table(:legacy_orders)
  end

  def down do
    raise Ecto.MigrationError, message: "irreversible"
  end
end
