defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  # DROP TABLE orders
  @moduledoc "DROP TABLE orders happens later"

  def up do
    IO.puts("DROP TABLE orders later")
    alter table(:orders) do
      add :note, :text
    end
    execute "UPDATE orders SET note = 'x' -- DROP TABLE orders"
  end

  def down do
    alter table(:orders) do
      remove :note
    end
    drop_if_exists table(:orders_backup)
    execute "DROP TABLE IF EXISTS orders_copy"
  end
end
