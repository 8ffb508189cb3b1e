defmodule Bridge.Repo.Migrations.CreateUsers do
  use Ecto.Migration

  def change do
    create table(:users) do
      add :email, :string, null: false
      add :role, :integer, null: false, default: 0
      add :state, :integer, null: false, default: 0
      add :bio, :string
    end
  end
end
