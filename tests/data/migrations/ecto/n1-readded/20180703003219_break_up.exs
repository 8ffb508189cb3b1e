defmodule Data.Repo.Migrations.BreakUp do
  use Ecto.Migration

  def up do
    alter table(:subscribed_channels) do
      remove :game_id
      modify :channel_id, :integer, null: false
      add :game_id, references(:games), null: false
    end
  end

  def down do
    alter table(:subscribed_channels) do
      modify :channel_id, :integer, null: true
    end
  end
end
