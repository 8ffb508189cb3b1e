defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    case direction() do
      :up -> execute("DELETE FROM order_events")
      :down -> execute("DROP TABLE IF EXISTS orders_copy")
    end

    if direction() != :down, do: execute("UPDATE orders SET state = 'new'")
    unless direction() == :up, do: execute("DELETE FROM orders_archive")
  end
end
