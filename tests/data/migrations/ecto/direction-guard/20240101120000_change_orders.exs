defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add :state, :string
    end

    if direction() == :up do
      execute "UPDATE orders SET state = 'new'"
    else
      execute "DELETE FROM orders_archive"
    end
  end
end
