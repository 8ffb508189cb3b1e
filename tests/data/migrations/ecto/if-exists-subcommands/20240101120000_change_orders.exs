defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def change do
    alter table(:orders) do
      add_if_not_exists :note, :text
      remove_if_exists :legacy, :string
    end
  end
end
