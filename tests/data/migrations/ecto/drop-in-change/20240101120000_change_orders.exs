defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    drop table(:legacy_orders)
    drop_if_exists index(:orders, [:note])
    drop index(:orders, [:status])
    drop constraint(:orders, "amount_positive")
  end
end
