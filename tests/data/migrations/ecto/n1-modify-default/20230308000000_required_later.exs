defmodule App.Repo.Migrations.RequiredLater do
  use Ecto.Migration

  def change do
    alter table(:operations) do
      modify(:text, :string, null: false, from: {:string, null: true})
    end
  end
end
