<?php

use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Schema;

class AddVersionToRefreshToken extends Migration
{
    public function up()
    {
        Schema::table('refresh_tokens', function (Blueprint $table) {
            $table->unsignedSmallInteger('version')->after('character_id');
            $table->unsignedSmallInteger('scopes_version')->after('version');
        });

        DB::table('refresh_tokens')->update(['version' => 1, 'scopes_version' => 1]);

        Schema::table('refresh_tokens', function (Blueprint $table) {
            $table->unsignedSmallInteger('version')->default(2)->change();
            $table->unsignedSmallInteger('scopes_version')->change();
        });
    }

    public function down()
    {
        Schema::table('refresh_tokens', function (Blueprint $table) {
            $table->dropColumn(['version', 'scopes_version']);
        });
    }
}
