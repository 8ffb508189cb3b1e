defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      remove :note
    end
  end
end
