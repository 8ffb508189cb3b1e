defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      remove :note, :string, default: ""
    end
  end
end
