defmodule MyApp.Repo.Migrations.ChangeOrders do
  use Ecto.Migration

  def up do
    alter table(:orders) do
      modify :note, :string, size: 40
      modify :body, :text
    end
  end

  def down do
    alter table(:orders) do
      modify :note, :text
      modify :body, :string
    end
  end
end
